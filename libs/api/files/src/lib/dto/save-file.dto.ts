import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

export class SaveFileDto {
  @ApiProperty({
    description:
      'The whole script text. At most the program limit (MAX_PROGRAM_BYTES, 1 MiB by default) in UTF-8 bytes; an empty string is a valid (empty) file.',
    example: 'logPrint("Starting test"); let x = 1 + 2; logPrint("Result is: " + x); logPrint("Test complete");',
  })
  // The byte limit is checked by the service (413 FILE_TOO_LARGE), not by a character count here.
  @IsString()
  content!: string;
}
