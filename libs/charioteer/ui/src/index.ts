export * from './lib/code-editor/chariot-editor-setup';
export * from './lib/code-editor/code-editor.component';
export * from './lib/login-form/login-form.component';
export * from './lib/output-panel/output-panel.component';
export * from './lib/run-toolbar/run-toolbar.component';
export * from './lib/change-password-dialog/change-password-dialog.component';
