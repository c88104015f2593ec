module.exports = require('../../../jest.angular.cjs')('charioteer-data-access', 'libs/charioteer/data-access');
