// Vite's `?raw` imports: a file's text, as the pages show their own source. The repo's tsconfig
// loads Node's types only (not vite/client), so the one declaration the demo needs is here.
declare module '*?raw' {
  const source: string;
  export default source;
}
