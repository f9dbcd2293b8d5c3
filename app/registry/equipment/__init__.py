"""Special equipment (特种设备安全法 arts. 32–40) and its operators' certificates (art. 14)."""
