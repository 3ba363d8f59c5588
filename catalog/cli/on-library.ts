/**
 * A CLI command's work on a library: opened, always closed, and an engine refusal (AppError)
 * passed on as a plain error carrying its words, which the CLI prints.
 */
import { AppError } from '../../shared/errors.js';
import { Library } from '../library.js';

export async function onLibrary<T>(libraryDir: string, work: (library: Library) => T | Promise<T>): Promise<T> {
  const library = await Library.open(libraryDir);
  try {
    return await work(library);
  } catch (error) {
    if (error instanceof AppError) throw new Error(error.message, { cause: error });
    throw error;
  } finally {
    library.close();
  }
}
