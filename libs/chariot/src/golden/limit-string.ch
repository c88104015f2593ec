setq(s, 'x')
while (true) { setq(s, concat(s, s)) }
