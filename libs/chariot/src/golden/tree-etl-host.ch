setq(data, parseJSON('[{"name": "Ann", "age": 31}, {"name": "Bob", "age": 25}, {"name": "Cy", "age": 40}]', 'people'))
setq(old, treeSearch(data, 'age', 30, '>'))
setq(names, array())
while (smaller(length(names), length(old))) { addTo(names, getAttribute(getAt(old, length(names)), 'name')) }
setq(visits, 0)
treeWalk(data, func(v) { setq(visits, add(visits, 1)) })
setq(t, createTransform(People))
addMapping(t, 'name', 'NAME', 'upper(sourceValue)', 'VARCHAR', true)
addMapping(t, 'age', 'AGE', ['sourceValue', 'add(sourceValue, 1)'], 'INT', true)
setq(row, applyTransform(t, getAt(getAttribute(data, '_people'), 0)))
setq(h, createHostObject('Calc'))
setHostProperty(h, 'total', 42)
[names, visits, getName(t), length(getMappings(t)), getProp(row, 'NAME'), getProp(row, 'AGE'), getHostProperty(Calc, 'total'), typeOf(t)]
