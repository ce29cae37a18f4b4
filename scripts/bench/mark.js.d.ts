// mark.js ships no types; the bench uses only this much of it.
declare module 'mark.js' {
  interface MarkOptions {
    accuracy?: 'partially' | 'complementary' | 'exactly' | { value: 'exactly'; limiters: string[] };
    separateWordSearch?: boolean;
    caseSensitive?: boolean;
    diacritics?: boolean;
    done?: (marks: number) => void;
  }
  export default class Mark {
    constructor(context: Element | Element[] | NodeList | string);
    mark(keywords: string | string[], options?: MarkOptions): void;
    unmark(options?: { done?: () => void }): void;
  }
}
