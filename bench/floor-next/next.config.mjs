// Nothing configured on purpose: the framework's defaults are the floor.
const config = {};
export default config;
