import baseConfig from '../../eslint.config.mjs';
import typeChecked from '../../eslint.type-checked.mjs';

export default [...baseConfig, ...typeChecked];
