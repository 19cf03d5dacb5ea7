/** Today in China Standard Time, YYYY-MM-DD: every "today" of the platform (deadlines, futures refused). */
export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The first day of the current month (CST), YYYY-MM-01. */
export const currentMonth = () => `${today().slice(0, 7)}-01`;
