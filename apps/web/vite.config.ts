import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API_TARGET = process.env.BEIZENG_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    port: 5173,
    // Host header is kept (no changeOrigin) so the server's Origin/Host CSRF check passes.
    proxy: { '/api': { target: API_TARGET } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // exceljs is only imported on demand (chart data downloads): keep it out of the eager vendor chunk
            { name: 'exceljs', test: /node_modules[\\/]exceljs[\\/]/, priority: 40 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 20 },
            // No catch-all group for antd or the rest of node_modules: a group takes every module that
            // matches, so one antd chunk would put all of antd (tables, pickers, trees …) on the login
            // route. Left to the default splitting, the entry carries only the components it uses and
            // each page's chunk brings the rest (src/app/bundle.test.ts keeps the login route ≤ 350 KB gzip).
          ],
        },
      },
    },
  },
});
