import { emptySection, type Section } from './stats';
export async function benchExtension(_dir: string): Promise<Section> {
  return emptySection();
}
