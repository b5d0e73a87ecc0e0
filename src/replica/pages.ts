/** Pages outside the templates: the home page and IIS-style error pages. */
import { esc, link } from './html.js';
import type { Article, Site } from './site.js';
import { htmlDocument } from './template.js';
import { articleUrl, listingUrl } from './urls.js';

/** A plain front page: its job in the replica is to lead a crawler to the all-news listing. */
export function renderHome(site: Site, latest: Article[]): string {
  const items = latest.map((a) => `<li>${link(articleUrl(site, a, 1, 'latest'), a.title)}</li>`).join('\n');
  const banner = site.banner === null ? '' : `<div class="home-banner">${esc(site.banner)}</div>\n`;
  return htmlDocument(
    site.name,
    `${banner}<h1 class="home-title">${esc(site.name)}</h1>
<ul class="home-news">
${items}
</ul>
<p class="home-more">${link(listingUrl(site, 1), 'Xem tất cả tin tức')}</p>`,
  );
}

const REASONS: Record<number, [title: string, description: string]> = {
  400: ['Bad Request', 'HTTP 400. The request could not be understood by the server due to malformed syntax.'],
  404: [
    'The resource cannot be found.',
    'HTTP 404. The resource you are looking for (or one of its dependencies) could have been removed, had its name changed, or is temporarily unavailable.  Please review the following URL and make sure that it is spelled correctly.',
  ],
  405: ['The HTTP verb used to access this page is not allowed.', 'HTTP 405. The request method is not supported for the requested resource.'],
  429: ['Too Many Requests', 'HTTP 429. The client has sent too many requests in a given amount of time.'],
  500: ['Runtime Error', 'An application error occurred on the server.'],
  503: ['Service Unavailable', 'HTTP Error 503. The service is unavailable.'],
};

/** The ASP.NET "yellow screen" text the real servers answer errors with. */
export function renderError(status: number, requestedUrl: string): string {
  const [title, description] = REASONS[status] ?? ['Server Error', `HTTP ${status}.`];
  return `<!DOCTYPE html>
<html>
<head>
<title>${esc(title)}</title>
</head>
<body bgcolor="white">
<span><h1>Server Error in '/' Application.<hr width="100%" size="1" color="silver"></h1>
<h2> <i>${esc(title)}</i> </h2></span>
<b> Description: </b>${esc(description)}
<br><br>
<b> Requested URL: </b>${esc(requestedUrl)}<br><br>
</body>
</html>
`;
}
