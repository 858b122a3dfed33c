// dom-anchor-text-quote ships no types; only what the bench calls is declared.
declare module 'dom-anchor-text-quote' {
  export interface TextQuoteSelector {
    exact: string;
    prefix?: string;
    suffix?: string;
  }
  export function toRange(root: Node, selector: TextQuoteSelector, options?: { hint?: number }): Range | null;
  export function fromRange(root: Node, range: Range): TextQuoteSelector;
}
