declare(n, 'N', 1)
setq(n, 'text')
