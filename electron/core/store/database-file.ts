/** The store's database, inside the data folder. */
export const DATABASE_FILE = 'desk.sqlite';
