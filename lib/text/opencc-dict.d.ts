/** opencc-js ships its dictionaries as plain modules ("src dst|src dst…") without declarations. */
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
