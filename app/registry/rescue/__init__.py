"""Rescue arrangements: an enterprise's rescue team, designated rescuers or rescue agreements
(安全生产法 art. 82, 河南省安全生产条例 art. 50, 生产安全事故应急条例 art. 10)."""
