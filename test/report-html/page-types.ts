/**
 * The few browser types the tests' `page.evaluate` callbacks use: the project compiles without the
 * DOM library, so each test file declares `document` and `window` with these shapes.
 */
export interface PageElement {
  id: string;
  open: boolean;
  textContent: string | null;
  classList: { contains(name: string): boolean };
  attributes: ArrayLike<{ name: string }>;
  children: ArrayLike<PageElement>;
  parentElement: PageElement | null;
  tagName: string;
  className: string;
  labels?: ArrayLike<PageElement> | null;
  closest(selector: string): PageElement | null;
  matches(selector: string): boolean;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
  append(node: PageElement): void;
}

export interface PageDocument {
  activeElement: PageElement | null;
  body: PageElement;
  scripts: ArrayLike<PageElement>;
  createElement(tag: string): PageElement;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
}

export interface PageWindow {
  dispatchEvent(event: unknown): boolean;
  [key: string]: unknown;
}

export type PageComputedStyle = (element: PageElement) => { color: string; backgroundColor: string; display: string; visibility: string };

export type PageEventConstructor = new (type: string) => unknown;
