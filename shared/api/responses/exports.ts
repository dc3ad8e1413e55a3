import { exportJobSchema } from '../../domain/exports/request';
import { pageOf } from './common';

export { exportJobSchema };
export const exportJobPageSchema = pageOf(exportJobSchema);
