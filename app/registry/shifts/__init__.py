"""Leaders' on-site shifts (带班记录): the principal and the leadership taking their turns on
site (惠政文〔2014〕53号 art. 16; 河南省安全生产条例 art. 35)."""
