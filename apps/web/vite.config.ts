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
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|dayjs)[\\/]/,
              priority: 10,
            },
            // react-query, i18next, zod (contract) …
            { name: 'vendor', test: /node_modules[\\/]/, priority: 5 },
          ],
        },
      },
    },
  },
});
