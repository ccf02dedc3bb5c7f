import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { User } from '@relay/shared';
import type { Response } from 'express';
import { CurrentUser, RequestId } from '../../common/current-user.js';
import { UuidPipe } from '../../common/validation.js';
import { AttachmentsService, type UploadedFileInfo } from './attachments.service.js';
import { CardsService } from './cards.service.js';
import { ChecklistService } from './checklist.service.js';
import { AttachmentBodyDto, ClearValueQuery, CommentDto, MoveCardDto, NewCardDto, SetValueDto, UpdateCardDto } from './dto/cards.dto.js';

@ApiTags('cards')
@Controller('cards')
export class CardsController {
  constructor(
    private readonly cards: CardsService,
    private readonly checklist: ChecklistService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Post()
  create(@Body() dto: NewCardDto, @CurrentUser() user: User, @RequestId() rid: string | null) {
    return this.cards.create(dto, user, rid);
  }

  @Get(':id')
  get(@Param('id', UuidPipe) id: string) {
    return this.cards.get(id);
  }

  @Patch(':id')
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateCardDto, @CurrentUser() user: User, @RequestId() rid: string | null) {
    return this.cards.update(id, dto, user, rid);
  }

  @Put(':id/checklist/:itemId')
  setValue(
    @Param('id', UuidPipe) id: string,
    @Param('itemId', UuidPipe) itemId: string,
    @Body() dto: SetValueDto,
    @CurrentUser() user: User,
    @RequestId() rid: string | null,
  ) {
    return this.checklist.setValue(id, itemId, dto, user, rid);
  }

  @Delete(':id/checklist/:itemId')
  clearValue(
    @Param('id', UuidPipe) id: string,
    @Param('itemId', UuidPipe) itemId: string,
    @Query() q: ClearValueQuery,
    @CurrentUser() user: User,
    @RequestId() rid: string | null,
  ) {
    return this.checklist.clearValue(id, itemId, q.version ?? null, user, rid);
  }

  @Post(':id/move')
  @HttpCode(200)
  move(@Param('id', UuidPipe) id: string, @Body() dto: MoveCardDto, @CurrentUser() user: User, @RequestId() rid: string | null) {
    return this.checklist.move(id, dto, user, rid);
  }

  @Get(':id/events')
  events(@Param('id', UuidPipe) id: string) {
    return this.cards.events(id);
  }

  @Get(':id/comments')
  comments(@Param('id', UuidPipe) id: string) {
    return this.cards.comments(id);
  }

  @Post(':id/comments')
  comment(@Param('id', UuidPipe) id: string, @Body() dto: CommentDto, @CurrentUser() user: User, @RequestId() rid: string | null) {
    return this.cards.comment(id, dto.body, user, rid);
  }

  @Post(':id/pickup')
  @HttpCode(200)
  pickup(@Param('id', UuidPipe) id: string, @CurrentUser() user: User, @RequestId() rid: string | null) {
    return this.cards.pickup(id, user, rid);
  }

  @Post(':id/attachments')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file'))
  upload(
    @Param('id', UuidPipe) id: string,
    @UploadedFile() file: UploadedFileInfo | undefined,
    @Body() body: AttachmentBodyDto,
    @CurrentUser() user: User,
    @RequestId() rid: string | null,
  ) {
    return this.attachments.upload(id, file, body.itemId ?? null, user, rid);
  }

  @Get(':id/attachments/:attachmentId')
  async download(@Param('id', UuidPipe) id: string, @Param('attachmentId', UuidPipe) attachmentId: string, @Res() res: Response) {
    const file = await this.attachments.open(id, attachmentId);
    // An ASCII fallback and the exact name as RFC 5987 UTF-8 (Express's content-disposition).
    res.attachment(file.name);
    res.setHeader('Content-Type', file.mime);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    file.stream.on('error', () => res.status(404).end()).pipe(res);
  }
}
