/**
 * The head of every 系统管理 (/admin) page: the breadcrumb back to 系统管理, the page's title and
 * the scope the administrator manages.
 */
export function AdminTitle(props: { title: string; scopeText: string }) {
  return (
    <>
      <nav class="crumbs" aria-label="层级导航">
        <ol>
          <li>
            <a href="/admin" data-testid="crumb-admin">
              系统管理
            </a>
          </li>
          <li>
            <span aria-current="page">{props.title}</span>
          </li>
        </ol>
      </nav>
      <h1 data-testid="page-title">{props.title}</h1>
      <p class="admin-scope" data-testid="admin-scope">
        管理范围：{props.scopeText}
      </p>
    </>
  );
}
