module.exports = require('../../../jest.angular.cjs')('charioteer-feature-ide', 'libs/charioteer/feature-ide');
