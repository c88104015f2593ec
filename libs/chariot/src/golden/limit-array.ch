setq(a, range(0, 50))
while (true) { addTo(a, 1) }
