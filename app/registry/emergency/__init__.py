"""Emergency plans and their drills (生产安全事故应急条例 arts. 5, 7, 8)."""
