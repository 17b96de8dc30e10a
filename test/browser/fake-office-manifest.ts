export const OfficeApp = { Excel: "excel" };
