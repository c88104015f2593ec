import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';

@Component({
  imports: [RouterOutlet],
  selector: 'ch-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<router-outlet />`,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
    }
    :host > * {
      flex: 1;
      min-height: 0;
    }
  `,
})
export class App {}
