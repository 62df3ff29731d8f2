/** The site icon (served by api/assets/favicon.ts): the SVG where understood, else the ICO. */
export function FaviconLinks() {
  return (
    <>
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      <link rel="icon" href="/favicon.ico" sizes="32x32" />
    </>
  );
}
