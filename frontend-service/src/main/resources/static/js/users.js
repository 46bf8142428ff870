// A handful of demo users, so one browser can play several viewers; the choice survives a reload.

export const USERS = [
  { id: 'ana', name: 'Ana', hue: 4 },
  { id: 'ben', name: 'Ben', hue: 200 },
  { id: 'chloe', name: 'Chloé', hue: 280 },
  { id: 'diego', name: 'Diego', hue: 140 },
  { id: 'emi', name: 'Emi', hue: 40 },
];

const KEY = 'netflix-events.user';

export function currentUser() {
  let stored = null;
  try { stored = localStorage.getItem(KEY); } catch { /* storage disabled */ }
  return USERS.find((user) => user.id === stored) ?? USERS[0];
}

export function rememberUser(id) {
  try { localStorage.setItem(KEY, id); } catch { /* storage disabled */ }
}

export const userById = (id) => USERS.find((user) => user.id === id);
