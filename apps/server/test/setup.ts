// Runs before every test file: ExcelJS's streaming reader must be fixed before a test file loads ExcelJS.
import '../src/core/exceljs-utf8';
