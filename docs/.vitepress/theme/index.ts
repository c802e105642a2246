import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    // While the site is built, a page that fails to render fails the build; Vue would otherwise
    // log the error and VitePress would write the page without its content.
    if (import.meta.env.SSR) app.config.throwUnhandledErrorInProduction = true;
  },
} satisfies Theme;
