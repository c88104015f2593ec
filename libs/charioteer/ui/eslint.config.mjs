import angularConfig from '../../../eslint.angular.mjs';
import typeChecked from '../../../eslint.type-checked.mjs';

export default [...angularConfig, ...typeChecked];
