module.exports = require('../../jest.angular.cjs')('charioteer', 'apps/charioteer');
