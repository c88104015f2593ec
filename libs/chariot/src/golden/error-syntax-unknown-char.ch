setq(x, 1)
setq(y, x @ 2)
