/** Moving between pages without a reload: push the path, and `main.ts` renders the page for it. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event('routechange'));
}
