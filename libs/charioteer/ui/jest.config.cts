module.exports = require('../../../jest.angular.cjs')('charioteer-ui', 'libs/charioteer/ui');
