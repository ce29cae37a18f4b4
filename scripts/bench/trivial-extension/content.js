// The bench's trivial content script: one attribute on the root element, nothing else.
document.documentElement.setAttribute('data-bench-trivial', '1');
