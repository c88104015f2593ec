import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { FILE_NAME_RULE } from '../file-name';

export class RenameFileDto {
  @ApiProperty({ description: `The new name: ${FILE_NAME_RULE}`, example: 'renamed.ch' })
  // The name rule itself is checked by the service, which answers 400 INVALID_FILE_NAME.
  @IsString()
  new_name!: string;
}
