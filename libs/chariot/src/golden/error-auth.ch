setq(users, parseJSON('[]', 'users'))
createUser(users, parseJSON('{"userID": "ann"}', 'profile'), 's3cret')
authenticateUser(users, 'ann', 'wrong')
