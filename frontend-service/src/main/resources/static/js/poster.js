// Posters drawn here, from the movie's id, title and genres: nothing is fetched from anywhere.

const HUES = {
  'Sci-Fi': 205, Action: 12, Animation: 45, Fantasy: 275, Crime: 355, Drama: 222, Thriller: 250, Comedy: 32,
  Romance: 335, Horror: 0, Family: 130, Music: 300, Mystery: 235, Adventure: 22,
};

function random(seed) {
  let state = (seed * 2654435761) >>> 0 || 1;
  return () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 4294967296;
  };
}

let drawn = 0; // gradient ids must be unique in the document: the same poster shows in several places

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function lines(title, width) {
  const out = [];
  for (const word of title.split(/\s+/)) {
    const last = out.length - 1;
    if (last >= 0 && (out[last] + ' ' + word).length <= width) out[last] += ' ' + word;
    else out.push(word);
  }
  return out;
}

function motif(genre, rnd, light, dark) {
  const n = (min, max) => min + rnd() * (max - min);
  switch (genre) {
    case 'Sci-Fi': {
      const x = n(60, 140); const y = n(70, 120); const r = n(30, 48);
      const stars = Array.from({ length: 26 }, () =>
        `<circle cx="${n(0, 200).toFixed(1)}" cy="${n(0, 190).toFixed(1)}" r="${n(0.4, 1.4).toFixed(1)}" fill="#fff" opacity="${n(0.3, 0.9).toFixed(2)}"/>`);
      return stars.join('') + `<circle cx="${x}" cy="${y}" r="${r}" fill="${light}"/>`
        + `<ellipse cx="${x}" cy="${y}" rx="${r * 1.8}" ry="${r * 0.35}" fill="none" stroke="#fff" stroke-opacity=".55" stroke-width="3" transform="rotate(${n(-25, -5)} ${x} ${y})"/>`;
    }
    case 'Action': case 'Adventure': {
      const bars = Array.from({ length: 5 }, (_, i) =>
        `<rect x="${-60 + i * 55 + n(-8, 8)}" y="-40" width="${n(10, 26)}" height="380" fill="${i % 2 ? light : '#fff'}" opacity="${n(0.12, 0.35).toFixed(2)}" transform="rotate(28 100 150)"/>`);
      return bars.join('') + `<polygon points="0,220 ${n(40, 80)},${n(120, 150)} ${n(100, 130)},200 ${n(150, 170)},${n(110, 140)} 200,210 200,300 0,300" fill="${dark}"/>`;
    }
    case 'Animation': case 'Family': {
      return Array.from({ length: 7 }, () =>
        `<circle cx="${n(10, 190)}" cy="${n(20, 200)}" r="${n(12, 46)}" fill="${rnd() > 0.5 ? light : '#fff'}" opacity="${n(0.18, 0.55).toFixed(2)}"/>`).join('');
    }
    case 'Crime': case 'Thriller': case 'Mystery': {
      const blinds = Array.from({ length: 9 }, (_, i) =>
        `<rect x="0" y="${12 + i * 22}" width="200" height="9" fill="#000" opacity=".28"/>`);
      return `<circle cx="${n(50, 150)}" cy="${n(60, 120)}" r="${n(40, 60)}" fill="${light}" opacity=".75"/>` + blinds.join('');
    }
    case 'Horror': {
      const trees = Array.from({ length: 6 }, (_, i) => {
        const x = i * 38 + n(-8, 8);
        return `<polygon points="${x},230 ${x + n(10, 18)},${n(120, 170)} ${x + 30},230" fill="#050505"/>`;
      });
      return `<circle cx="${n(60, 140)}" cy="${n(55, 90)}" r="${n(22, 30)}" fill="#f3efe0" opacity=".9"/>` + trees.join('')
        + '<rect x="0" y="228" width="200" height="72" fill="#050505"/>';
    }
    case 'Romance': case 'Music': {
      const cx = n(60, 140); const cy = n(70, 130);
      return Array.from({ length: 6 }, (_, i) =>
        `<circle cx="${cx}" cy="${cy}" r="${18 + i * 17}" fill="none" stroke="${i % 2 ? '#fff' : light}" stroke-opacity="${(0.6 - i * 0.08).toFixed(2)}" stroke-width="${n(2, 6).toFixed(1)}"/>`).join('');
    }
    case 'Fantasy': {
      const stars = Array.from({ length: 18 }, () =>
        `<circle cx="${n(0, 200).toFixed(1)}" cy="${n(0, 150).toFixed(1)}" r="${n(0.6, 2).toFixed(1)}" fill="#fff" opacity="${n(0.4, 1).toFixed(2)}"/>`);
      return stars.join('') + `<polygon points="0,230 ${n(30, 60)},${n(110, 140)} ${n(80, 110)},200 ${n(130, 160)},${n(90, 130)} 200,220 200,300 0,300" fill="${dark}"/>`
        + `<polygon points="20,260 ${n(70, 90)},${n(160, 190)} 140,260" fill="${light}" opacity=".35"/>`;
    }
    default: { // Drama, Comedy and the rest: a low sun over a horizon
      const y = n(120, 170);
      return `<circle cx="${n(50, 150)}" cy="${y}" r="${n(34, 56)}" fill="${light}" opacity=".85"/>`
        + `<rect x="0" y="${y + 8}" width="200" height="300" fill="${dark}"/>`
        + Array.from({ length: 4 }, (_, i) => `<rect x="${n(10, 120)}" y="${y + 18 + i * 12}" width="${n(30, 70)}" height="3" fill="${light}" opacity=".4"/>`).join('');
    }
  }
}

/** An SVG poster (200 × 300 units) as markup; the title is escaped. */
export function posterSvg(movie, { withTitle = true } = {}) {
  const genre = movie.genres?.[0] ?? 'Drama';
  const rnd = random(movie.id);
  const hue = (HUES[genre] ?? 220) + Math.round((rnd() - 0.5) * 24);
  const second = HUES[movie.genres?.[1]] ?? hue + 40;
  const top = `hsl(${hue} 62% ${genre === 'Horror' ? 16 : 34}%)`;
  const bottom = `hsl(${second} 55% ${genre === 'Horror' ? 6 : 12}%)`;
  const light = `hsl(${hue + 20} 85% 66%)`;
  const dark = `hsl(${hue} 45% 9%)`;
  const gradient = `poster-${movie.id}-${++drawn}`;
  let text = '';
  if (withTitle) {
    const rows = lines(movie.title.toUpperCase(), 12);
    const longest = Math.max(...rows.map((row) => row.length));
    const size = Math.max(11, Math.min(26, Math.floor(168 / (longest * 0.74))));
    const start = 282 - (rows.length - 1) * size * 1.08;
    text = rows.map((row, i) =>
      `<text x="14" y="${(start + i * size * 1.08).toFixed(1)}" font-size="${size}" font-weight="800" fill="#fff" letter-spacing=".5">${escape(row)}</text>`).join('');
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 300" preserveAspectRatio="xMidYMid slice" aria-hidden="true" focusable="false" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`
    + `<defs><linearGradient id="${gradient}" x1="0" y1="0" x2=".4" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient>`
    + `<linearGradient id="${gradient}s" x1="0" y1="0" x2="0" y2="1"><stop offset=".5" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".85"/></linearGradient></defs>`
    + `<rect width="200" height="300" fill="url(#${gradient})"/>`
    + motif(movie.id % 2 ? genre : movie.genres?.[1] ?? genre, rnd, light, dark)
    + `<rect width="200" height="300" fill="url(#${gradient}s)"/>`
    + `<rect x="14" y="14" width="5" height="18" fill="#e50914"/>`
    + text
    + '</svg>';
}
