// users live in a JSON array node; passwords are stored as SHA-256 hashes
setq(users, parseJSON('[]', 'users'))
createUser(users, parseJSON('{"userID": "ann", "displayName": "Ann"}', 'profile'), 's3cret')
setq(found, findUser(users, 'ann'))
setq(ok, authenticateUser(users, 'ann', 's3cret'))
declareGlobal(p, 'P', plan('Nightly', array(), func() { true }, func() { true }, array(), func() { false }))
setq(state, inspectRuntime())
[getAttribute(found, 'displayName'), getAttribute(ok, 'userID'), length(getAttribute(users, '_users')),
 typeOf(p), getProp(p, 'name'), getProp(getProp(getProp(state, 'globals'), 'p'), '_type'), validateDisplayName('Ann Lee')]
