setq(a, array(3, 1, 2))
addTo(a, 4, 5)
removeAt(a, 0)
setAt(a, 0, 10)
[
  a, length(a), getAt(a, 1), getAt(a, 99), indexOf(a, 2), lastIndex(a, 5), contains(a, 4),
  slice(a, 1, 3), reverse(a), range(0, 3), range(0, 10, 4), join(a, '-'), split('x,y', ','),
  length('héllo'), slice('héllo', 1, 3), reverse('abc'), contains('hello', 'ell'), indexOf('héllo', 'l')
]
