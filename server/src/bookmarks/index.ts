/** The bookmarks module's public entry (see README.md). */
export { createBookmarks, type BookmarkService, type BookmarkServiceDeps } from './create.ts';
export { bookmarkRoutes } from './routes.ts';
export type { Bookmark } from './api-shapes.ts';
export type { BookmarksDb, BookmarkTables } from './tables.ts';
