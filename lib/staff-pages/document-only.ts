/**
 * A page prop that the server renders into the document but that is not sent again as JSON (issue 13: the
 * case register's rows were in the HTML and a second time in __NEXT_DATA__).
 *
 * The Pages Router hands getServerSideProps' props to the page's server render as they are (the objects
 * themselves) and writes them into the document's __NEXT_DATA__ (and the client-side navigation's JSON) with
 * JSON.stringify. `documentOnly(value)` gives the value a non-enumerable `toJSON` that answers null: the server
 * render, and code calling getServerSideProps (tests), see the value; the JSON carries null. The component
 * reading such a prop must therefore accept null in the browser and take what it needs from the rendered
 * document (app/(staff)/staff/cases/case-rows.tsx CaseRowsBody). Non-enumerable: Next's check that props
 * are serialisable (development) and equality in tests look at enumerable properties only.
 */
export function documentOnly<T extends object>(value: T): T {
  Object.defineProperty(value, 'toJSON', { value: () => null, enumerable: false });
  return value;
}
