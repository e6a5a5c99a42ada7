// opencc-js publishes each OpenCC dictionary as a module (its package.json maps "./*" to
// dist/esm-lib/*.js) whose default export is the table as text: "key value value|key value|…".
// The package ships types for its converters, not for these data modules.
declare module "opencc-js/dict/*" {
  const table: string;
  export default table;
}
