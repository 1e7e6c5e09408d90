// The one way the window calls the engine: typed by shared/api.ts, errors thrown again as AppError.
import { AppError, unwrap } from '../../../shared/api';
import type { ApiName, ApiRequest, ApiResponse, ApiResult } from '../../../shared/api';
import { host } from './host';

export async function invoke<K extends ApiName>(name: K, request: ApiRequest<K>): Promise<ApiResponse<K>> {
  const fn = host().api[name] as unknown as (r: ApiRequest<K>) => Promise<ApiResult<ApiResponse<K>>>;
  let result: ApiResult<ApiResponse<K>>;
  try {
    result = await fn(request);
  } catch (err) {
    // A transport failure (not an answer from the engine) still reaches the analyst as plain words.
    if (err instanceof AppError) throw err;
    throw new AppError({
      code: 'internal',
      message: `The app could not reach its data engine (${err instanceof Error ? err.message : String(err)}). Try again; if it keeps happening, restart the app.`,
    });
  }
  return unwrap(result);
}

/** The message to show for anything thrown by invoke(). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
