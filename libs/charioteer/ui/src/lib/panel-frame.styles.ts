/** The frame the output-pane views share: a full-height column under a 28 px title bar (`.head`). */
export const PANEL_FRAME_STYLES = `
  :host { display: flex; flex-direction: column; height: 100%; min-height: 0; background: #1e1e1e; }
  .head {
    display: flex; align-items: center; gap: 10px; height: 28px; padding: 0 8px 0 12px; flex: none;
    background: #252526; color: #bbbbbb; font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em;
  }
`;
