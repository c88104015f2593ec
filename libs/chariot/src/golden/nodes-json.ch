setq(doc, parseJSON('{"user": {"name": "Ann", "tags": ["a", "b"]}, "n": 2}'))
setProp(doc, 'user.address.city', 'Oslo')
setq(list, parseJSON('[{"id": 1}, {"id": 2}]', 'items'))
setq(root, create('root'))
addChild(root, jsonNode('child'))
setAttribute(getChildByName(root, 'child'), 'k', 'v')
[
  getProp(doc, 'user.name'), getProp(doc, 'user.tags.1'), getProp(doc, 'user.address.city'), getProp(doc, 'missing'),
  getProp(list, '1.id'), length(getAttribute(list, '_items')), nodeToString(jsonNode('{"b":1,"a":[true,null]}')),
  getName(getChildAt(root, 0)), getAttribute(getChildByName(root, 'child'), 'k'), childCount(root),
  getProp(yamlToJSON('server:\n  port: 8080\n  hosts: [a, b]\n'), 'server.port'),
  contains(jsonToYAML(parseJSON('{"k": "v"}')), 'k: v'),
  getProp(parseXMLString('<cfg id="7"><db><host>h1</host></db></cfg>'), 'db.host'),
  getProp(parseXMLString('<cfg id="7"/>'), 'id')
]
