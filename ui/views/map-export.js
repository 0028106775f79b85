// The map as a picture for slides: SVG as drawn by map-svg.js, or PNG rasterised from it on a
// canvas, saved through the api.

import { announce } from '../lib/dom.js';
import { mapToSvg } from '../lib/map-svg.js';
import { svgInput } from '../lib/map-model.js';
import { showToast } from '../lib/toast.js';

/** Draws an SVG document on a canvas at twice its size; resolves to a PNG data URL. */
export function rasterise(svg) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const scale = 2; // sharp when pasted into slides on high-density screens
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth * scale;
      canvas.height = img.naturalHeight * scale;
      const g = canvas.getContext('2d');
      g.scale(scale, scale);
      g.drawImage(img, 0, 0);
      resolve(canvas.toDataURL('image/png'));
    };
    img.onerror = () => reject(new Error('The map could not be drawn as a picture.'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}

/**
 * Saves the map shown in the view's `state` as 'svg' or 'png' where the user chooses in the save
 * dialog and says where (nothing when they cancel); a failure is a toast. The proposed file name
 * is the map shown when the picture is ready.
 */
export async function exportMap(api, state, format) {
  if (!state.map) return;
  try {
    const svg = mapToSvg(svgInput(state.map, state.placements, state.labelMode, new Date()));
    const content = format === 'svg' ? svg : await rasterise(svg);
    const path = await api.exportMap(state.map.name, format, content);
    if (!path) return; // the save dialog was cancelled: nothing to say
    showToast(`Saved ${path}`, { timeoutMs: 10000 });
    announce(`Map exported as ${format.toUpperCase()}`);
  } catch (err) {
    showToast(err.message ?? String(err));
  }
}
