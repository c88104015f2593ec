module.exports = require('../../../jest.angular.cjs')('charioteer-util', 'libs/charioteer/util');
